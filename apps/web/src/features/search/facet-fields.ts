/** The fields whose top values the sidebar lists, in its order. */
export const FACET_FIELDS = ['verb', 'user.username', 'objectRef.resource', 'objectRef.namespace', 'responseStatus.code'];

export const FACET_TOP = 5;
