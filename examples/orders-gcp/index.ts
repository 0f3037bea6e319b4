/** Entry point of `pulumi up`: the stack outputs are what the program returns. */
import { ordersDatabase } from "./program";

export = ordersDatabase();
