import os

# step: fork
pid = os.fork()
if pid == 0:
    os._exit(0)

os.waitpid(pid, 0)  # step: reap
