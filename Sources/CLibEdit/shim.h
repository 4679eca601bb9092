#ifndef SCALE_CLIBEDIT_SHIM_H
#define SCALE_CLIBEDIT_SHIM_H
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

/* Ctrl-C handling for the REPL, kept in C so the handler is async-signal-safe: it only
   sets a flag. It is installed without SA_RESTART, so a blocked read() in libedit fails
   with EINTR and readline() returns NULL; the caller reads and clears the flag. The same
   flag lets a long simulation step stop between events. */
static volatile sig_atomic_t scale_sigint_flag = 0;

static void scale_sigint_handler(int signo) {
  (void)signo;
  scale_sigint_flag = 1;
}

/* Installs the handler; returns 0 on success, -1 on failure (errno set). */
static inline int scale_install_sigint_handler(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = scale_sigint_handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; /* no SA_RESTART: interrupt blocking reads */
  return sigaction(SIGINT, &action, NULL);
}

/* Restores the default action for SIGINT. */
static inline int scale_restore_sigint_default(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  return sigaction(SIGINT, &action, NULL);
}

static inline int scale_sigint_pending(void) { return scale_sigint_flag != 0; }

/* Returns whether Ctrl-C was pressed since the last call, and clears the flag. */
static inline int scale_take_sigint(void) {
  int was = scale_sigint_flag != 0;
  scale_sigint_flag = 0;
  return was;
}

static inline void scale_set_locale_ctype(void) { (void)setlocale(LC_CTYPE, ""); }

static inline int scale_errno(void) { return errno; }
#endif
