// Marks the page as having JavaScript before it renders (NHS.UK frontend convention); no inline script is allowed by the CSP.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
