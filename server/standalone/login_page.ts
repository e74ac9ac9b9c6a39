/**
 * The page a browser sees when the server requires its API key and has no session for it: a
 * password field whose script (a separate file, the CSP allows no inline script) sends the key
 * once as `Authorization: ApiKey <key>` to SESSION_PATH, which answers with the session cookie,
 * then opens the app. Without JavaScript the form posts to the same endpoint and is refused for
 * lack of `kbn-xsrf` — the key never lands in a URL.
 */
export const LOGIN_PATH = '/login';
export const LOGIN_SCRIPT_PATH = '/login/login.js';
export const SESSION_PATH = '/login/session';

export const LOGIN_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Container Threat Detection: API key</title>
    <link rel="icon" href="data:," />
    <script src="${LOGIN_SCRIPT_PATH}" defer></script>
  </head>
  <body>
    <main>
      <h1>Container Threat Detection</h1>
      <p>This server requires its API key. It is in the <code>api_key</code> file of the server's data directory, and was printed when the server first started.</p>
      <form id="ctd-login" method="post" action="${SESSION_PATH}">
        <label for="ctd-api-key">API key</label>
        <input id="ctd-api-key" name="api_key" type="password" autocomplete="current-password" required />
        <button type="submit">Open</button>
      </form>
      <p id="ctd-login-error" role="alert"></p>
    </main>
  </body>
</html>
`;

export const LOGIN_SCRIPT = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('ctd-login');
  var input = document.getElementById('ctd-api-key');
  var error = document.getElementById('ctd-login-error');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.textContent = '';
    fetch(${JSON.stringify(SESSION_PATH)}, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { authorization: 'ApiKey ' + input.value.trim(), 'kbn-xsrf': 'true' },
    }).then(function (response) {
      if (response.ok) {
        window.location.assign('/app/');
        return;
      }
      error.textContent = response.status === 401 ? 'That is not this server\\'s API key.' : 'Sign-in failed (HTTP ' + response.status + ').';
    }, function () {
      error.textContent = 'The server cannot be reached.';
    });
  });
});
`;
