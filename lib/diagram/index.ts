export { AlertFlowDiagram, DiagramClass } from './alert-flow-diagram';
export type { AlertFlowDiagramOptions, DiagramHighlight } from './alert-flow-diagram';
