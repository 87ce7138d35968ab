/** Injection token of the process's {@link RootLogger}. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
