/**
 * The zod every Lambda uses: zod/mini, with zod's English messages. Mini is classic zod's core without
 * the methods hung on every schema, so a bundle keeps only the schemas and checks it calls (about 25 KiB
 * against 95); unlike classic zod it sets no locale, and a 400 would say "Invalid input" where it should
 * say "Unrecognized key: colour". Importing zod through this file is what sets the messages, in a Lambda,
 * in the local runtime and in tests alike (lint-enforced for lambdas/).
 */
import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

// the one locale, by name: `locales.en` through the namespace would bundle every language zod has
config(en());

export * from 'zod/mini';
// the error class by name: `z.core.$ZodError` as a value makes a bundle keep all of zod's core (about 400
// KiB with its JSON Schema and compiler code), where a type position costs nothing
export { $ZodError as ZodError } from 'zod/v4/core';
