"""Executes a notebook with the tskeras kernel through nbclient, as Jupyter front ends do.

Usage: python run_notebook.py NOTEBOOK OUTPUT
Exits 1 naming the cell if any cell fails or leaves an error output.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(source: str, target: str) -> int:
    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(notebook, kernel_name="tskeras", timeout=600, startup_timeout=120)
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"cell failed: {error}", file=sys.stderr)
        nbformat.write(notebook, target)
        return 1
    nbformat.write(notebook, target)

    errors = [
        index
        for index, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code" and any(output.output_type == "error" for output in cell.outputs)
    ]
    if errors:
        print(f"cells with error outputs: {errors}", file=sys.stderr)
        return 1

    nbformat.validate(notebook)
    code_cells = sum(1 for cell in notebook.cells if cell.cell_type == "code")
    print(f"executed {code_cells} code cells without errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
