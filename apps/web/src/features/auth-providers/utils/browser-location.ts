/**
 * Leaves the single-page app for another address (an identity provider's login page). One object
 * so that tests can watch where the page would go: jsdom cannot navigate away.
 */
export const browserLocation = {
  assign: (url: string) => window.location.assign(url),
};
