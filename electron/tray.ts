// The tray icon and its menu. The icon is drawn in code (a filled circle) rather than
// shipped as a file, so the shell has no binary assets to keep in step with the build.

export interface TrayActions {
  readonly open: () => void;
  readonly quit: () => void;
}

/** For Menu.buildFromTemplate: open and quit, the two things a tray icon is for. */
export function trayMenuTemplate(actions: TrayActions): { label?: string; type?: 'separator'; click?: () => void }[] {
  return [{ label: 'Open Kith', click: actions.open }, { type: 'separator' }, { label: 'Quit Kith', click: actions.quit }];
}

/**
 * A size×size BGRA bitmap (nativeImage.createFromBitmap's format) of an anti-aliased
 * filled circle in Kith's colour, transparent outside (premultiplied alpha).
 */
export function trayBitmap(size: number, rgb: readonly [number, number, number] = [0x2f, 0x6b, 0x5a]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      const coverage = Math.max(0, Math.min(1, radius - distance + 0.5));
      const offset = (y * size + x) * 4;
      // Skia's bitmaps are premultiplied: each colour channel is scaled by alpha.
      pixels[offset] = Math.round(rgb[2] * coverage);
      pixels[offset + 1] = Math.round(rgb[1] * coverage);
      pixels[offset + 2] = Math.round(rgb[0] * coverage);
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}
