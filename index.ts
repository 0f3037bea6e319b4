/** Entry point of `pulumi up`: the stack outputs are what the program returns. */
import { runProgram } from "./program";

export = runProgram();
