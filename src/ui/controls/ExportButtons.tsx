import { useState } from 'react';
import { useLab } from '../context';
import { copyAddress } from '../copy-address';
import { download, exportName, exportText, type ExportFormat } from '../export';

/** The link to this lab, and every iteration's figures as a file (the charts show a downsampled view). */
export function ExportButtons() {
  const { store, sim } = useLab();
  const trained = store((s) => s.status.iteration > 0);
  const [copied, setCopied] = useState<string | null>(null);

  const exportRun = async (format: ExportFormat) => {
    const run = await sim.exportRun();
    if (run) download(exportName(run, format), exportText(run, format), format);
  };
  const copyLink = async () => {
    setCopied(await copyAddress('Link'));
    setTimeout(() => setCopied(null), 2500);
  };

  return (
    <div className="buttons export-buttons">
      <button type="button" onClick={copyLink}>
        Copy link
      </button>
      {(['csv', 'json'] as const).map((format) => (
        <button key={format} type="button" disabled={!trained} onClick={() => exportRun(format)}>
          Export {format.toUpperCase()}
        </button>
      ))}
      {copied && <span role="status">{copied}</span>}
    </div>
  );
}
