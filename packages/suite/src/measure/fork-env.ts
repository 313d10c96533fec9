/** The socket a fork connects to, to read what to measure and to report. */
export const FORK_SOCKET_ENV = 'PARABENCH_FORK_SOCKET';
/** The file a fork writes what it is doing to, synchronously. */
export const FORK_ACTIVITY_ENV = 'PARABENCH_FORK_ACTIVITY';
/** A fork's exit status after an exception nobody caught (EX_SOFTWARE). */
export const UNCAUGHT_EXIT_CODE = 70;
