/** An incident `sensitivity` cannot analyse: no ranges, a figure the replay cannot be read at. */
export class SensitivityError extends Error {}
