/**
 * Where a face keeps the unit list the user chose (as JSON text, checked again when read):
 * the Office document's settings in Excel; nowhere on the demo page.
 */
export interface UnitListStore {
  load(): string | undefined;
  save(json: string): Promise<void>;
}
