"""The Jupyter messaging protocol conformance suite (jupyter_kernel_test) run against tskeras.

Run with the kernelspec installed, e.g. `tskeras install --user` with JUPYTER_DATA_DIR set:
    python -m unittest test_conformance
"""
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel


class TskerasKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tskeras"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("test")'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "const modelo = new Sequential();\nmodelo.summ", "matches": {"summary", "summaryData"}},
    ]

    complete_code_samples = ["1", 'console.log("hello, world")', "function double(x: number) {\n  return x * 2;\n}"]
    incomplete_code_samples = ["function double(x: number) {", "const text = `hello", "const values = [1, 2,"]
    invalid_code_samples = ["}", "const = 7q;"]

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "1 + 2 + 3", "result": "6"},
        {"code": "[1, 2, 3].map((n) => n * n)", "result": "[ 1, 4, 9 ]"},
        {"code": '"hola"', "result": "'hola'"},
    ]

    code_display_data = [
        {"code": 'displayBundle({ "text/html": "<b>test</b>", "text/plain": "test" });', "mime": "text/html"},
        {"code": 'display.markdown("**test**");', "mime": "text/markdown"},
        {"code": "display(tf.ones([2, 2]));", "mime": "text/html"},
    ]

    # Matches the first execute_result sample only, so "unique" leaves one entry.
    code_history_pattern = "1 + 2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    # A cell that is only help(name) pages the documentation, as IPython's `name?` does.
    code_page_something = "help(Sequential)"

    code_clear_output = 'console.log("before");\nclearOutput();'


class TskerasStdinTests(unittest.TestCase):
    """input() through jupyter_client's own stdin handling, beyond what the suite covers."""

    def test_input_reaches_the_cell(self):
        manager, client = start_new_kernel(kernel_name="tskeras")
        try:
            prompts = []
            results = []

            def answer(message):
                prompts.append((message["content"]["prompt"], message["content"]["password"]))
                client.input("Ada")

            def collect(message):
                if message["msg_type"] == "execute_result":
                    results.append(message["content"]["data"]["text/plain"])

            reply = client.execute_interactive(
                'const nombre = await input("Nombre: ");\nnombre.length',
                allow_stdin=True,
                stdin_hook=answer,
                output_hook=collect,
                timeout=60,
            )
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(prompts, [("Nombre: ", False)])
            self.assertEqual(results, ["3"])
        finally:
            client.stop_channels()
            manager.shutdown_kernel()


if __name__ == "__main__":
    unittest.main()
