/*
 * command.h - one line of the protocol, executed:
 *   SET <key> <value>   -> OK | ERR full
 *   GET <key>           -> VALUE <value> | NOTFOUND
 *   DEL <key>           -> OK | NOTFOUND
 *   COUNT               -> COUNT <n>
 *   SAVE <path>         -> OK | ERR <errno name>: writes the table to a file,
 *                          which the profile forbids (no open(2) once sandboxed)
 * Anything else -> ERR unknown command.
 */
#ifndef KV_COMMAND_H
#define KV_COMMAND_H

#include <stddef.h>

/* Executes `line` (no newline) and writes the answer line, with its '\n',
 * into `reply` (`len` bytes). */
void kv_command(char *line, char *reply, size_t len);

#endif
