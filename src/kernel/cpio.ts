/** One entry of a newc cpio archive. */
export type CpioEntry =
  | { readonly type: 'dir'; readonly path: string }
  | { readonly type: 'file'; readonly path: string; readonly data: Buffer; readonly mode?: number }
  | { readonly type: 'link'; readonly path: string; readonly target: string }
  | { readonly type: 'chr'; readonly path: string; readonly rdev: readonly [number, number]; readonly mode?: number };

/** A newc cpio archive (what the kernel unpacks as an initramfs), owned by root, byte-reproducible. */
export function cpioArchive(entries: readonly CpioEntry[]): Buffer {
  const chunks: Buffer[] = [];
  let ino = 1;
  const pad4 = (n: number): number => (4 - (n % 4)) % 4;
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  const push = (name: string, mode: number, data: Buffer = Buffer.alloc(0), rdev: readonly [number, number] = [0, 0]): void => {
    const nameBuf = Buffer.from(`${name}\0`);
    const hdr = `070701${[ino++, mode, 0, 0, 1, 0, data.length, 0, 0, rdev[0], rdev[1], nameBuf.length, 0].map(hex).join('')}`;
    chunks.push(Buffer.from(hdr), nameBuf, Buffer.alloc(pad4(110 + nameBuf.length)), data, Buffer.alloc(pad4(data.length)));
  };
  for (const e of entries) {
    if (e.type === 'dir') push(e.path, 0o040755);
    else if (e.type === 'file') push(e.path, 0o100000 | (e.mode ?? 0o644), e.data);
    else if (e.type === 'link') push(e.path, 0o120777, Buffer.from(e.target));
    else push(e.path, 0o020000 | (e.mode ?? 0o600), undefined, e.rdev);
  }
  push('TRAILER!!!', 0);
  const buf = Buffer.concat(chunks);
  return Buffer.concat([buf, Buffer.alloc((512 - (buf.length % 512)) % 512)]);
}
