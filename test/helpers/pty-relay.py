"""Run a command in a new pseudo-terminal and relay it: our stdin is typed into
the terminal, everything the terminal shows comes out on our stdout. The first
line on stderr is the process id of the command (the session leader).

python3 is on every machine we test on; its pty module is the real thing (the
kernel's pseudo-terminal), so the program sees a TTY with the size we give.
Usage: pty-relay.py COLUMNS ROWS COMMAND [ARG...]
"""

import fcntl
import os
import pty
import select
import struct
import sys
import termios

columns, rows = int(sys.argv[1]), int(sys.argv[2])
command = sys.argv[3:]

pid, master = pty.fork()
if pid == 0:
    # The child's stdin is the terminal: size it before the program asks.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.execvp(command[0], command)

sys.stderr.write(f"{pid}\n")
sys.stderr.flush()
inputs = [master, 0]
while True:
    ready, _, _ = select.select(inputs, [], [])
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the last process holding the terminal is gone
            data = b""
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(master, data)
        else:
            inputs.remove(0)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
