/** From 10 p.m. to 7 a.m. the app dims itself (public/theme.js), so a test of how the app looks
 * sets the page's own clock to one of these local times and runs the same by day or by night. */
export const AFTERNOON = new Date(2026, 11, 1, 15, 0);
export const NIGHT = new Date(2026, 11, 1, 3, 0);
