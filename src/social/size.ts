/** The card size LINE, X, Facebook and Slack show large (1.91:1). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
