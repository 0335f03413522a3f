"""Files from outside: everything PubDesk reads that somebody else wrote (spreadsheets to
import, and the bounds every reader of outside files keeps — `limits`).

A file from outside may be damaged, hostile or just enormous. Each reader here streams, counts
what it reads against `limits.LIMITS` and stops with a sentence naming the limit; the parsing
runs in a child process (`child`) bounded in memory and time, so the worst file costs a
refusal, never the officer's data or her PC."""
