// The GSM 03.38 alphabet. A body made only of these goes out as 7-bit GSM; any other character
// makes the whole message UCS-2, which is why one emoji more than halves the room per segment.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// These need an escape character first, so they cost two septets.
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How many SMS segments Twilio would bill for `body` (as its `num_segments`). */
export function countSmsSegments(body: string): number {
  let septets = 0;
  for (const char of body) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else return segments(body.length, 70, 67);
  }
  return segments(septets, 160, 153);
}

function segments(units: number, single: number, perPart: number): number {
  if (units <= single) return 1;
  return Math.ceil(units / perPart);
}
