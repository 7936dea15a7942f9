/** The template rules the API checks before Meta is called (contracts/http.ts, from Meta's component page). */
import { TemplateSubmission } from '../../../lambdas/modules/whatsapp/contracts/http';
import { WHATSAPP_REQUEST_EXAMPLES } from '../../../lambdas/modules/whatsapp/contracts';

const base = {
  name: 'order_ready',
  language: 'en_US',
  category: 'UTILITY',
  components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] } }],
};
const issues = (over: Record<string, unknown>) => {
  const r = TemplateSubmission.safeParse({ ...base, ...over });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

it('takes the documented example', () => {
  expect(TemplateSubmission.safeParse(WHATSAPP_REQUEST_EXAMPLES.submitWhatsAppTemplate).success).toBe(true);
  expect(issues({})).toEqual([]);
});

it.each([
  ['a name with capitals', { name: 'OrderReady' }, /^name/],
  ['a name over 512 characters', { name: 'a'.repeat(513) }, /^name/],
  ['an unknown category', { category: 'PROMO' }, /^category/],
  ['a bad language code', { language: 'english' }, /^language/],
  ['a body without examples', { components: [{ type: 'BODY', text: 'Hi {{1}}' }] }, /example value/],
  [
    'too few body examples',
    { components: [{ type: 'BODY', text: 'Hi {{1}} {{2}}', example: { body_text: [['Ana']] } }] },
    /2 variable/,
  ],
  [
    'variables with a gap',
    { components: [{ type: 'BODY', text: 'Hi {{2}}', example: { body_text: [['x']] } }] },
    /without gaps/,
  ],
  ['a body over 1,024 characters', { components: [{ type: 'BODY', text: 'x'.repeat(1025) }] }, /1024/],
  ['no body', { components: [{ type: 'FOOTER', text: 'bye' }] }, /exactly one BODY/],
  [
    'a header over 60 characters',
    { components: [{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, base.components[0]] },
    /60/,
  ],
  [
    'a header variable without example',
    { components: [{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' }, base.components[0]] },
    /header_text/,
  ],
  [
    'an image header without a media handle',
    { components: [{ type: 'HEADER', format: 'IMAGE' }, base.components[0]] },
    /media handle/,
  ],
  [
    'a footer with a variable',
    { components: [base.components[0], { type: 'FOOTER', text: 'Bye {{1}}' }] },
    /no variables/,
  ],
  [
    'eleven buttons',
    {
      components: [
        base.components[0],
        { type: 'BUTTONS', buttons: Array.from({ length: 11 }, () => ({ type: 'QUICK_REPLY', text: 'ok' })) },
      ],
    },
    /at most 10/,
  ],
  [
    'a button label over 25 characters',
    {
      components: [
        base.components[0],
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'b'.repeat(26) }] },
      ],
    },
    /25/,
  ],
  [
    'three URL buttons',
    {
      components: [
        base.components[0],
        {
          type: 'BUTTONS',
          buttons: Array.from({ length: 3 }, () => ({ type: 'URL', text: 'Go', url: 'https://x.example' })),
        },
      ],
    },
    /2 URL/,
  ],
  [
    'a URL variable without example',
    {
      components: [
        base.components[0],
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://x.example/{{1}}' }] },
      ],
    },
    /example URL/,
  ],
  ['an unknown field', { colour: 'red' }, /Unrecognized/],
])('refuses %s', (_what, over, message) => {
  expect(issues(over).join('\n')).toMatch(message);
});
