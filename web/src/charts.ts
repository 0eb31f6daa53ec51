/** Finding kinds in the order the dashboard lists and stacks them, and their colours (as in style.css). */
export const KIND_ORDER = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'];

export const KIND_COLOURS: Record<string, string> = {
  directive: '#e8823a',
  harassment: '#c2467d',
  threat: '#b3261e',
  coordination: '#3a72c2',
  amplification: '#4f9a45',
  foreign_money: '#7b4fb0',
  allegation: '#8a6d3b',
};
