"""The PDF check's memory bound on Windows: a job object around the child process.

POSIX bounds the child's address space with `setrlimit` before it starts; Windows has no such
call, but a job object limits the memory each process in it may commit, ends the child when the
limit is hit (the parent then reports 「記憶體不足」), and — with KILL_ON_JOB_CLOSE — also ends
it if PubDesk itself goes away. The child is assigned right after it starts, while it is still
importing (tenths of a second before it opens the PDF)."""

from __future__ import annotations

import ctypes
import subprocess
import sys
from ctypes import wintypes
from dataclasses import dataclass

JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x0100
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x0400
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000


class _BasicLimits(ctypes.Structure):
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", ctypes.c_uint32),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", ctypes.c_uint32),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", ctypes.c_uint32),
                ("SchedulingClass", ctypes.c_uint32)]


class _IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class ExtendedLimits(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION (its size is checked by a test: 144 on x64)."""

    _fields_ = [("BasicLimitInformation", _BasicLimits),
                ("IoInfo", _IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t)]


def limits(memory_mb: int) -> ExtendedLimits:
    """The limits PubDesk sets: committed memory per process, killed with the job."""
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = (JOB_OBJECT_LIMIT_PROCESS_MEMORY
                                             | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
                                             | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION)
    info.ProcessMemoryLimit = memory_mb * 1024 * 1024
    return info


@dataclass
class Job:
    """An open job handle (0 when none could be made: the check then runs unbounded)."""

    handle: int

    def close(self) -> None:
        """Close the handle (a child still in the job ends with it)."""
        if self.handle:
            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
            kernel32.CloseHandle(wintypes.HANDLE(self.handle))
            self.handle = 0


def bound_memory(process: subprocess.Popen[bytes], memory_mb: int) -> Job:
    """Put `process` in a new job limited to `memory_mb` of committed memory."""
    if sys.platform != "win32":
        return Job(0)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
    kernel32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int,
                                                 ctypes.c_void_p, ctypes.c_uint32]
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    handle = kernel32.CreateJobObjectW(None, None)
    if not handle:
        return Job(0)
    job = Job(int(handle))
    info = limits(memory_mb)
    process_handle = int(process._handle)  # type: ignore[attr-defined,unused-ignore]
    if not (kernel32.SetInformationJobObject(handle, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                             ctypes.byref(info), ctypes.sizeof(info))
            and kernel32.AssignProcessToJobObject(handle, process_handle)):
        job.close()
        return Job(0)
    return job
