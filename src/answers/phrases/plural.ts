export type Count = (n: number) => string;

/** "1 job", "3 jobs". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
