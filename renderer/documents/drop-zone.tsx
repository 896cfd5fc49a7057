// Add files by choosing them or dropping them here. The file input is the keyboard way
// in (a real, labelled button); dropping is the shortcut for a mouse.
import { useId, useState } from 'react';

export function DropZone({
  onFiles,
  busy,
  prompt = 'Drop files here to add them to your documents, or',
  choose = 'Choose files…',
  multiple = true,
  working = 'Adding…',
}: {
  onFiles: (files: File[]) => void;
  busy: boolean;
  prompt?: string;
  choose?: string;
  multiple?: boolean;
  working?: string;
}) {
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
      <p>{prompt}</p>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        multiple={multiple}
        disabled={busy}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = ''; // choosing the same file again must fire again
          if (files.length > 0) onFiles(files);
        }}
      />
      {/* After the input, so CSS can show the input's keyboard focus on this label. */}
      <label htmlFor={inputId} className="button-like primary">
        {busy ? working : choose}
      </label>
    </div>
  );
}
