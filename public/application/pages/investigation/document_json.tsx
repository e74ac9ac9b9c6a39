/**
 * The alert or its source event as pretty-printed JSON, to read whole or copy. EuiCodeBlock
 * renders its text as text (highlighted tokens are text nodes), so event values never become HTML.
 */
import { EuiCodeBlock } from '@elastic/eui';

const INDENT = 2;
/** Taller documents scroll inside the block instead of growing the page. */
const MAX_HEIGHT_PX = 480;

export const DocumentJson = ({
  document,
  label,
  'data-test-subj': dataTestSubj,
}: {
  readonly document: unknown;
  readonly label: string;
  readonly 'data-test-subj'?: string;
}) => (
  <EuiCodeBlock
    language="json"
    fontSize="s"
    paddingSize="s"
    overflowHeight={MAX_HEIGHT_PX}
    isCopyable
    aria-label={label}
    data-test-subj={dataTestSubj}
  >
    {JSON.stringify(document, null, INDENT)}
  </EuiCodeBlock>
);
