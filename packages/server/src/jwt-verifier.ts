// The reviewer's identity from a signed token: `Authorization: Bearer <JWT>`,
// verified with a public key (PEM or JWK) or a JSON Web Key Set, its issuer
// and audience checked when configured. The gate trusts this identity, never
// the one an answer's body claims.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, importJWK, importSPKI, jwtVerify, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { GateError, type IdentityVerifier, type Reviewer } from '@oversight/gate';

export interface JwtAuthOptions {
  /** A public key: PEM (SPKI) or a JWK. Its algorithm comes from the key (or the JWK's `alg`). */
  jwtKeyFile?: string;
  /** A JSON Web Key Set (`{ keys: [...] }`); the token's `kid` picks the key. */
  jwksFile?: string;
  /** When set, a token's `iss` must equal it. */
  issuer?: string;
  /** When set, a token's `aud` must include it. */
  audience?: string;
}

type VerificationKey = Awaited<ReturnType<typeof importSPKI>> | Uint8Array | JWTVerifyGetKey;

/** A verifier whose credential is the bearer token; it throws the gate's `unauthenticated` with the reason a token was refused. */
export async function createJwtVerifier(options: JwtAuthOptions, clock: () => Date): Promise<IdentityVerifier> {
  const key = await readVerificationKey(options);
  const verifyOptions = { ...(options.issuer !== undefined && { issuer: options.issuer }), ...(options.audience !== undefined && { audience: options.audience }) };
  return {
    async verify(credential: unknown): Promise<Reviewer> {
      if (typeof credential !== 'string' || credential === '') {
        throw new GateError('unauthenticated', 'this route needs Authorization: Bearer <JWT>, a token naming the reviewer (sub) and their role (role)');
      }
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(credential, key, { ...verifyOptions, currentDate: clock() }));
      } catch (error) {
        throw new GateError('unauthenticated', `the bearer token was refused: ${(error as Error).message}`);
      }
      const { sub, role } = payload;
      if (typeof sub !== 'string' || sub === '' || typeof role !== 'string' || role === '') {
        throw new GateError('unauthenticated', 'the bearer token names no reviewer: it needs string claims sub (the person) and role (their reviewer role)');
      }
      return { id: sub, role };
    },
  };
}

async function readVerificationKey(options: JwtAuthOptions): Promise<VerificationKey> {
  const { jwtKeyFile, jwksFile } = options;
  if ((jwtKeyFile === undefined) === (jwksFile === undefined)) {
    throw new Error('auth needs exactly one of jwtKeyFile (a public key) and jwksFile (a JSON Web Key Set), or insecureNoAuth: true');
  }
  const file = (jwtKeyFile ?? jwksFile)!;
  const text = await readFile(file, 'utf8');
  try {
    if (jwksFile !== undefined) return createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
    if (!text.trimStart().startsWith('{')) return await importSPKI(text, algorithmOf(createPublicKey(text)));
    const jwk = JSON.parse(text) as JWK & { keys?: unknown };
    if (Array.isArray(jwk.keys)) return createLocalJWKSet(jwk as JSONWebKeySet);
    if (jwk.d !== undefined) throw new Error('it holds a private key; give the server the public key only');
    return await importJWK(jwk, jwk.alg ?? algorithmOf(createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })));
  } catch (error) {
    throw new Error(`cannot verify tokens with ${file}: ${(error as Error).message}`);
  }
}

/** The signature algorithm a public key verifies (a JWK's `alg` names another, e.g. PS256, where the key type allows several). */
function algorithmOf(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  switch (key.asymmetricKeyType) {
    case 'ec':
      if (curve === 'prime256v1') return 'ES256';
      if (curve === 'secp384r1') return 'ES384';
      if (curve === 'secp521r1') return 'ES512';
      throw new Error(`unsupported elliptic curve ${curve}`);
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
  }
}
