#ifndef SCALE_CLIBEDIT_SHIM_H
#define SCALE_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#endif
