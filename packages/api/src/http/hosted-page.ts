import { escapeMarkup as escapeHtml } from '@herald/core';

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; padding: 2rem;
         border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  fieldset { border: 1px solid #cbd2d9; border-radius: 6px; margin: 1rem 0; padding: 1rem; }
  label { display: block; margin: .5rem 0; }
  button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #3e4c59;
           background: #1f2933; color: #fff; cursor: pointer; margin: .25rem .5rem .25rem 0; }
  button.secondary { background: #fff; color: #1f2933; }
  .status { background: #e3f8e8; border: 1px solid #57ae5b; padding: .5rem 1rem; border-radius: 6px; }
  .note { color: #52606d; font-size: .9rem; }
  .error { background: #fde8e8; border: 1px solid #e12d39; padding: .5rem 1rem; border-radius: 6px; }
  input[type=text], input[type=email], input[type=tel] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
`;

/**
 * The frame of the pages end users reach without a log-in (preferences, privacy requests):
 * plain HTML and forms, no script, no cookie, not indexed.
 */
export function hostedPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}
