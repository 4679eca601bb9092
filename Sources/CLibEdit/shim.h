#ifndef SCALE_CLIBEDIT_SHIM_H
#define SCALE_CLIBEDIT_SHIM_H
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <editline/readline.h>

/* Ctrl-C handling for the REPL, kept in C so the handler is async-signal-safe: it only
   sets a flag. It is installed without SA_RESTART, so a blocked read() in libedit fails
   with EINTR and readline() returns NULL; the caller reads and clears the flag. The same
   flag lets a long simulation step stop between events. */
/* Weak, not static: Swift emits this header's definitions into every object file that uses
   them, and the handler and the readers must share one flag; the linker keeps one copy. */
__attribute__((weak)) volatile sig_atomic_t scale_sigint_flag = 0;

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

/* Blocks or unblocks SIGINT for the calling thread. While libedit edits a line SIGINT is
   blocked except inside scale_getc's wait, so a Ctrl-C that arrives while libedit is busy
   (redrawing, completing) stays pending until the wait instead of being lost. */
static inline void scale_block_sigint(int block) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  (void)pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* One byte from fd, waiting with SIGINT unblocked (pselect swaps the mask atomically).
   Returns 1, 0 at end of input, or -1 on Ctrl-C or an error. */
static inline int scale_read_byte(int fd, unsigned char *byte) {
  for (;;) {
    if (scale_sigint_flag) return -1;
    sigset_t waiting;
    (void)pthread_sigmask(SIG_SETMASK, NULL, &waiting);
    sigdelset(&waiting, SIGINT);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fd, &readable);
    int ready = pselect(fd + 1, &readable, NULL, NULL, NULL, &waiting);
    if (ready < 0) {
      if (errno == EINTR) continue; /* the loop checks the flag */
      return -1;
    }
    ssize_t count = read(fd, byte, 1);
    if (count == 1) return 1;
    if (count == 0) return 0;
    if (errno != EINTR && errno != EAGAIN) return -1;
  }
}

/* libedit's rl_getc_function: one character as a Unicode scalar (UTF-8 decoded here,
   because libedit stores what this returns as one wide character), or -1 (EOF) on Ctrl-C,
   end of input or an error. Malformed UTF-8 gives U+FFFD. */
static inline int scale_getc(FILE *stream) {
  int fd = fileno(stream);
  unsigned char lead;
  if (scale_read_byte(fd, &lead) != 1) return -1;
  if (lead < 0x80) return lead;
  int extra = lead >= 0xF8 ? -1 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  int scalar = lead & (0x3F >> extra);
  for (int i = 0; i < extra; i++) {
    unsigned char next;
    if (scale_read_byte(fd, &next) != 1) return -1;
    if ((next & 0xC0) != 0x80) return 0xFFFD;
    scalar = (scalar << 6) | (next & 0x3F);
  }
  if (scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF)) return 0xFFFD;
  return scalar;
}

static inline void scale_set_locale_ctype(void) { (void)setlocale(LC_CTYPE, ""); }

static inline int scale_errno(void) { return errno; }
#endif
