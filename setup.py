"""Package discovery — everything else is in pyproject.toml. Every package under app/ and ui/
is found, so a new one cannot be left out of the wheel (issue 30: a hand-written list had
lost app.documents, app.packages, app.pdfcheck and ui.pages); resources/ is installed as the
package `pubdesk_resources`, so it cannot clash with another distribution's `resources`
(setuptools' `packages.find` in pyproject.toml cannot rename a folder, hence this file)."""

from setuptools import find_packages, setup

RESOURCE_FOLDERS = ("data", "di", "fonts", "translations", "guide")

setup(
    packages=[*find_packages(include=["app", "app.*", "ui", "ui.*"]), "pubdesk_resources",
              *(f"pubdesk_resources.{folder}" for folder in RESOURCE_FOLDERS)],
    package_dir={"pubdesk_resources": "resources"},
)
