/** What a capacity search reports: the model's types (capacity.json and RunReport.capacity are this as JSON). */
export type { CapacityResult, CapacityStep, LoadModel, StepServerFigures } from '../../model/types.ts';
