import { useState, type ReactNode } from 'react';

/** A panel files can be dropped on (from the file manager); it shows when something is over it. */
export function DropZone({ testId, onFiles, children }: { testId: string; onFiles(files: File[]): void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'import drop-over' : 'import'}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation(); // the panel's drop, not the window's too
        setOver(false);
        if (e.dataTransfer.files.length) onFiles([...e.dataTransfer.files]);
      }}
    >
      {children}
    </div>
  );
}
