// What every renderer is told besides the report: only the language. Everything else a renderer
// shows comes from the report, so rendering stays pure.

import type { Lang } from './i18n.js';

type ReportFormat = 'json' | 'junit' | 'markdown' | 'html';

interface RenderOptions {
  lang: Lang;
}

const reportFormats: readonly ReportFormat[] = ['json', 'junit', 'markdown', 'html'];

export { reportFormats };
export type { ReportFormat, RenderOptions };
