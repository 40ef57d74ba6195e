// Its own module, so that code which only needs to recognise an id (finding `incidents/<id>.yaml`)
// does not load zod and the whole schema with it.

/** Lower-case kebab-case identifier: `aws-ebs-2011-04-21`, `spare-capacity`. */
export const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
