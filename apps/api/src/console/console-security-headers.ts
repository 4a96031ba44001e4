import helmet from 'helmet';

/**
 * Headers for the console's static files. The page handles personal data behind an API key, so the
 * policy allows only our own scripts, styles and API (no inline code, no other origin), refuses to
 * be framed, and turns on Trusted Types so a stray `innerHTML` throws instead of injecting markup.
 */
export const consoleSecurityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        requireTrustedTypesFor: ["'script'"],
        trustedTypes: ["'none'"],
      },
    },
    // No address, case or referral id of this page may travel to another site in a Referer.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: true,
  });
