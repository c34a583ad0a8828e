"""A live SLURM run: the sample workflow through `--profile profiles/slurm` on a one-node cluster on 127.0.0.1.

The fixture starts Debian's munged, slurmctld and slurmd (installed by `.ci/run`) as root with a
configuration in a temporary folder, except `slurm.conf` itself: the jobs' nested `srun` (from
snakemake-executor-plugin-slurm-jobstep) drops `SLURM_CONF` from its environment and so reads
`/etc/slurm/slurm.conf`, as on a real cluster. The test writes that file only when none exists (or
when it is one of ours, marked on its first line) and removes it afterwards.

Skipped with a message when SLURM or munge is not installed or when not running as root.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, snakemake, workdir_with
from tests.test_reruns import assert_same_results

pytestmark = [pytest.mark.workflow, pytest.mark.slurm]

SYSTEM_CONF = Path("/etc/slurm/slurm.conf")
MARKER = "# warmtekans one-node test cluster (tests/test_slurm.py); removed after the test"
CTLD_PORT, SLURMD_PORT = 16817, 16818


def _slurm_conf(state: Path, socket: Path) -> str:
    memory_mb = 16000  # enough for the profile's largest request (mem_mb 8000); the machine has 24 GiB
    return f"""{MARKER}
ClusterName=warmtekans
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort={CTLD_PORT}
SlurmdPort={SLURMD_PORT}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={socket}
CryptoType=crypto/munge
StateSaveLocation={state / "ctld"}
SlurmdSpoolDir={state / "spool"}
SlurmctldPidFile={state / "slurmctld.pid"}
SlurmdPidFile={state / "slurmd.pid"}
SlurmctldLogFile={state / "slurmctld.log"}
SlurmdLogFile={state / "slurmd.log"}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc={state / "jobcomp.txt"}
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=localhost NodeAddr=127.0.0.1 CPUs={os.cpu_count() or 2} RealMemory={memory_mb} State=UNKNOWN
PartitionName=normal Nodes=localhost Default=YES MaxTime=INFINITE State=UP
"""


def _missing_requirements() -> str | None:
    tools = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sacct", "sinfo")
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        return f"SLURM/munge not installed ({', '.join(missing)} missing; `.ci/run` installs slurmctld slurmd munge)"
    if os.geteuid() != 0:
        return "the one-node SLURM test cluster is started as root (as in CI); not root here"
    if SYSTEM_CONF.exists() and not SYSTEM_CONF.read_text().startswith(MARKER):
        return f"{SYSTEM_CONF} belongs to a real SLURM installation; not overwriting it"
    pytest.importorskip("snakemake_executor_plugin_slurm")
    return None


def _wait_for_idle_node(timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = subprocess.run(["sinfo", "--noheader", "--format=%T"], capture_output=True, text=True)
        if result.returncode == 0 and "idle" in result.stdout:
            return
        time.sleep(0.5)
    raise AssertionError(f"the SLURM test node did not become idle: {result.stdout} {result.stderr}")


def _stop(pid_file: Path) -> None:
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
        except (ValueError, ProcessLookupError):
            pass


@pytest.fixture(scope="module")
def slurm_cluster(tmp_path_factory):
    """A running one-node SLURM cluster on 127.0.0.1; yields the folder with its logs and job-completion file."""
    reason = _missing_requirements()
    if reason:
        pytest.skip(reason)
    state = tmp_path_factory.mktemp("slurm")
    for folder in ("ctld", "spool", "munge"):
        (state / folder).mkdir()
    (state / "munge").chmod(0o755)
    key = state / "munge" / "munge.key"
    key.write_bytes(os.urandom(1024))
    key.chmod(0o600)
    socket = state / "munge" / "munge.socket"
    subprocess.run(["munged", "--force", f"--key-file={key}", f"--socket={socket}",
                    f"--pid-file={state / 'munge' / 'munged.pid'}", f"--seed-file={state / 'munge' / 'seed'}",
                    f"--log-file={state / 'munge' / 'munged.log'}"], check=True)
    SYSTEM_CONF.parent.mkdir(parents=True, exist_ok=True)
    SYSTEM_CONF.write_text(_slurm_conf(state, socket))
    try:
        subprocess.run(["slurmctld"], check=True)
        subprocess.run(["slurmd"], check=True)
        _wait_for_idle_node()
        yield state
    finally:
        _stop(state / "slurmd.pid")
        _stop(state / "slurmctld.pid")
        _stop(state / "munge" / "munged.pid")
        if SYSTEM_CONF.exists() and SYSTEM_CONF.read_text().startswith(MARKER):
            SYSTEM_CONF.unlink()


def test_sample_through_live_slurm_equals_local_run(slurm_cluster, sample_run, tmp_path):
    workdir = workdir_with(tmp_path)
    result = snakemake(
        workdir,
        "--profile", str(ROOT / "profiles" / "slurm"),
        "--slurm-no-account",  # no slurmdbd, so no accounts to check; a real cluster keeps slurm_account
        "--slurm-status-command", "squeue",  # accounting storage is off; squeue sees jobs for MinJobAge
        "--slurm-init-seconds-before-status-checks", "1",
    )
    log = result.stdout + result.stderr
    submitted = log.count("has been submitted with SLURM jobid")
    assert submitted >= 10, log[-3000:]
    assert_same_results(sample_run, workdir)

    completed = subprocess.run(["sacct", "--completion", "--parsable2", "--noheader", "--format=JobID,State"],
                               capture_output=True, text=True, check=True).stdout.splitlines()
    states = [line.split("|")[1] for line in completed if line]
    assert states.count("COMPLETED") >= submitted, completed
