// The JSON Schema editors use to complete and check scenario files, generated from the zod schema so
// the two can never disagree (a test checks the committed file is up to date).

import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.js';

function scenarioJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

export { scenarioJsonSchema };
