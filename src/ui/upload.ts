/**
 * Reading an uploaded file as text, the checks every upload shares (the calibration target's
 * CSV, a trained lab's .policies.json): refused by its size before a byte is read, and refused
 * when it is empty or not text at all. What the text must say is the caller's parser's business.
 * Every refusal is an Error whose message is a clause about "the file" (no name, no full stop),
 * which the input puts after the file's name.
 */
import { sizeProblem } from '../scenario/file-size';

/** Why a file's text is not usable text (empty, only whitespace, binary), or null. */
export function textProblem(text: string): string | null {
  if (text === '') return 'the file is empty (0 bytes)';
  if (text.trim() === '') return 'the file holds only whitespace';
  // A NUL, or a byte sequence that is not UTF-8 (decoded as U+FFFD): an image, a spreadsheet, a zip.
  const bad = text.search(/[\0\uFFFD]/);
  if (bad >= 0) {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < bad; i = text.indexOf('\n', i + 1)) line++;
    return `the file is not text: line ${line} holds binary data (a spreadsheet or an archive rather than its export?)`;
  }
  return null;
}

/** A clause as a sentence: "the file is empty" -> "The file is empty." */
export function sentence(clause: string): string {
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
}

/**
 * The text of an uploaded file: refused unread when it is over `maxBytes`, then refused when it
 * is empty or binary. `what` names what the file should be, for the size message.
 */
export async function readUpload(file: Pick<File, 'name' | 'size' | 'text'>, maxBytes: number, what: string): Promise<string> {
  const tooLarge = sizeProblem(file.size, maxBytes, what);
  if (tooLarge) throw new Error(tooLarge);
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    throw new Error(`the file could not be read (${(err as Error).message})`, { cause: err });
  }
  const problem = textProblem(text);
  if (problem) throw new Error(problem);
  return text;
}
