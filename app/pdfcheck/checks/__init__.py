"""One module per check of 附件三; each has `check(context) -> CheckResult`."""
