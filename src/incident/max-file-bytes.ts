// Files larger than this are refused before parsing: no incident needs 5 MB of YAML. A module
// of its own so that `validate` can apply it without loading the parser.
export const maxFileBytes = 5 * 1024 * 1024;
