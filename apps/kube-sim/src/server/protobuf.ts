import type { JsonObject, JsonValue } from '../api/types';
import { badRequest } from '../api/status';

/** The content type of Kubernetes' protobuf encoding. */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  number: number;
  varint?: bigint;
  bytes?: Buffer;
}

/** Reads the fields of one protobuf message (wire types varint and length-delimited; others rejected). @throws Error */
function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let i = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++];
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new Error('varint too long');
  };
  while (i < buf.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wire = key & 7;
    if (wire === 0) fields.push({ number, varint: varint() });
    else if (wire === 2) {
      const length = Number(varint());
      if (length < 0 || i + length > buf.length) throw new Error('truncated field');
      fields.push({ number, bytes: buf.subarray(i, i + length) });
      i += length;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

/**
 * Decodes a protobuf-encoded meta/v1 DeleteOptions as kubectl drain's clientset sends it with
 * DELETE (`k8s\0` magic + runtime.Unknown{typeMeta=1, raw=2}; DeleteOptions fields from
 * apimachinery's generated.proto: gracePeriodSeconds=1, preconditions=2 {uid=1,
 * resourceVersion=2}, orphanDependents=3, propagationPolicy=4, dryRun=5) into the JSON shape.
 * @throws ApiError 400 for a malformed body or another kind.
 */
export function decodeDeleteOptions(body: Buffer): JsonObject {
  try {
    if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new Error('missing the k8s protobuf magic');
    const envelope = readFields(body.subarray(4));
    const typeMeta = readFields(envelope.find((f) => f.number === 1)?.bytes ?? Buffer.alloc(0));
    const kind = typeMeta.find((f) => f.number === 2)?.bytes?.toString('utf8');
    if (kind !== 'DeleteOptions') throw new Error(`expected DeleteOptions, got ${kind ?? 'nothing'}`);
    const out: JsonObject = { kind: 'DeleteOptions', apiVersion: typeMeta.find((f) => f.number === 1)?.bytes?.toString('utf8') ?? 'v1' };
    const dryRun: JsonValue[] = [];
    for (const f of readFields(envelope.find((e) => e.number === 2)?.bytes ?? Buffer.alloc(0))) {
      if (f.number === 1 && f.varint !== undefined) out.gracePeriodSeconds = Number(BigInt.asIntN(64, f.varint));
      else if (f.number === 2 && f.bytes) {
        const pre: JsonObject = {};
        for (const p of readFields(f.bytes)) {
          if (p.number === 1 && p.bytes) pre.uid = p.bytes.toString('utf8');
          if (p.number === 2 && p.bytes) pre.resourceVersion = p.bytes.toString('utf8');
        }
        out.preconditions = pre;
      } else if (f.number === 3 && f.varint !== undefined) out.orphanDependents = f.varint !== 0n;
      else if (f.number === 4 && f.bytes) out.propagationPolicy = f.bytes.toString('utf8');
      else if (f.number === 5 && f.bytes) dryRun.push(f.bytes.toString('utf8'));
    }
    if (dryRun.length) out.dryRun = dryRun;
    return out;
  } catch (err) {
    throw badRequest(`the request body is not a valid protobuf DeleteOptions: ${err instanceof Error ? err.message : String(err)}`);
  }
}
