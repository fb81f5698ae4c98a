import { detectInAppBrowser } from './context.ts';

/**
 * The inline script placed right before a follow card: it marks the card as waiting for its
 * context (CSS keeps it invisible meanwhile). A busy browser may draw the page between the card
 * and the script after it; invisible, the card's rearranging is not a visible shift.
 */
export function followPendingScript(): string {
  return `(function(s){var n=s&&s.nextElementSibling;if(n)n.setAttribute('data-context-pending','')})(document.currentScript)`;
}

/**
 * The inline script placed right after a follow card. It runs while the page is parsed (so the
 * reader never sees the order change), sets `data-context` on the card, moves each element
 * whose `data-lead` lists that context to the front of its parent, hides (`hidden`) each
 * element whose `data-contexts` does not list it, and shows the Copy WeChat ID button (so nothing
 * appears after the card is drawn, which would move the page: layout shift). Without it, the card keeps its HTML order, in
 * which every option is visible.
 *
 * The detection is `detectInAppBrowser` itself, embedded by its source, so the browser and the
 * unit tests run the same function.
 */
export function followContextScript(): string {
  return (
    `(function(root,detect){if(!root)return;try{` +
    `var c=detect(navigator.userAgent,{maxTouchPoints:navigator.maxTouchPoints});root.setAttribute('data-context',c);` +
    `var lead=root.querySelectorAll('[data-lead~="'+c+'"]');` +
    // Backwards, so elements that move to the front of the same parent keep their relative order.
    `for(var i=lead.length-1;i>=0;i--)lead[i].parentNode.insertBefore(lead[i],lead[i].parentNode.firstChild);` +
    `var only=root.querySelectorAll('[data-contexts]');` +
    `for(var j=0;j<only.length;j++)if((' '+only[j].getAttribute('data-contexts')+' ').indexOf(' '+c+' ')<0)only[j].hidden=true;` +
    // The copy button works wherever script runs: shown here, while the card is parsed, rather
    // than by client.ts after load, which would push the rest of the card down (layout shift).
    `var copy=root.querySelectorAll('button[data-copy-target]');for(var k=0;k<copy.length;k++)copy[k].hidden=false;` +
    // Whatever happens above, the card becomes visible.
    `}finally{root.removeAttribute('data-context-pending')}` +
    `})(document.currentScript&&document.currentScript.previousElementSibling,${detectInAppBrowser.toString()})`
  );
}
