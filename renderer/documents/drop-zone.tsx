// Add files by choosing them or dropping them here. The file input is the keyboard way
// in (a real, labelled button); dropping is the shortcut for a mouse.
import { useId, useState } from 'react';

export function DropZone({ onFiles, busy }: { onFiles: (files: File[]) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  const inputId = useId();
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
    >
      <p>Drop files here to add them to your documents, or</p>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        multiple
        disabled={busy}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = ''; // choosing the same file again must fire again
          if (files.length > 0) onFiles(files);
        }}
      />
      {/* After the input, so CSS can show the input's keyboard focus on this label. */}
      <label htmlFor={inputId} className="button-like primary">
        {busy ? 'Adding…' : 'Choose files…'}
      </label>
    </div>
  );
}
