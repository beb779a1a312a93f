/** `Bearer`, then the secret: printable ASCII, bounded so that no header makes the match long (keys are far shorter). */
const BEARER = /^Bearer +([\x21-\x7e]{1,512})$/i;

/** The secret of `Authorization: Bearer <secret>`; undefined when the header is absent or reads otherwise. */
export function bearerSecretOf(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
}
