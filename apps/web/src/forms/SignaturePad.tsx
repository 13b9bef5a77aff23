import { Box } from '@mantine/core';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

export interface SignaturePadHandle {
  clear(): void;
  /** The drawing as a PNG, or null when nothing was drawn. */
  toPng(): Promise<Blob | null>;
}

interface Props {
  ref?: Ref<SignaturePadHandle>;
  /** Called with true once something is drawn, false after clearing. */
  onInk?(hasInk: boolean): void;
  label: string;
  height?: number;
}

/**
 * A box to sign in with a finger, pen or mouse (pointer events, so all three work the same way). Draws on a
 * canvas sized for the screen's pixel density and exports a PNG on a white background.
 */
export function SignaturePad({ ref, onInk, label, height = 160 }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const inked = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(canvas.clientHeight * ratio);
    const context = canvas.getContext('2d')!;
    context.scale(ratio, ratio);
    context.lineWidth = 2.2;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#111';
  }, []);

  useImperativeHandle(ref, () => ({
    clear() {
      const canvas = canvasRef.current!;
      canvas.getContext('2d')!.clearRect(0, 0, canvas.width, canvas.height);
      inked.current = false;
      onInk?.(false);
    },
    toPng() {
      const canvas = canvasRef.current!;
      if (!inked.current) return Promise.resolve(null);
      // Copy onto white: a transparent PNG prints as black on some certificate printers.
      const out = document.createElement('canvas');
      out.width = canvas.width;
      out.height = canvas.height;
      const context = out.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(canvas, 0, 0);
      return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
    },
  }));

  const point = (e: React.PointerEvent<HTMLCanvasElement> | PointerEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const drawTo = (p: { x: number; y: number }) => {
    const context = canvasRef.current!.getContext('2d')!;
    const from = last.current ?? p;
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(p.x + (from === p ? 0.01 : 0), p.y);
    context.stroke();
    last.current = p;
    if (!inked.current) {
      inked.current = true;
      onInk?.(true);
    }
  };

  return (
    <Box
      component="canvas"
      ref={canvasRef}
      role="img"
      aria-label={label}
      data-testid="signature-pad"
      h={height}
      w="100%"
      maw={520}
      bg="white"
      style={{
        display: 'block',
        border: '1px dashed var(--mantine-color-gray-5)',
        borderRadius: 4,
        touchAction: 'none',
      }}
      onPointerDown={(e: React.PointerEvent<HTMLCanvasElement>) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        last.current = null;
        drawTo(point(e));
      }}
      onPointerMove={(e: React.PointerEvent<HTMLCanvasElement>) => {
        if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
        const events = e.nativeEvent.getCoalescedEvents?.() ?? [e.nativeEvent];
        for (const ev of events.length ? events : [e.nativeEvent]) drawTo(point(ev));
      }}
      onPointerUp={(e: React.PointerEvent<HTMLCanvasElement>) => {
        e.currentTarget.releasePointerCapture(e.pointerId);
        last.current = null;
      }}
      onPointerCancel={() => {
        last.current = null;
      }}
    />
  );
}
