//! What only the command line does: the live preview server (`serve`), the starter
//! site and new-file templates (`scaffold`), and writing a personal
//! sheet to a file (`sheet`).

pub mod scaffold;
pub mod serve;
pub mod sheet;
