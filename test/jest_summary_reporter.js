/**
 * Prints one plain closing line, "jest: N passed, N failed, N skipped", so CI logs state the count
 * without parsing Jest's decorated summary.
 */
class JestSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stdout.write(
      `\njest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`
    );
  }
}
module.exports = JestSummaryReporter;
