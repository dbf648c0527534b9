//! What only the command line does: the live preview server (`serve`), the starter
//! site and new-file templates (`scaffold`), and a personal sheet for one patient
//! (`program`).

pub mod program;
pub mod scaffold;
pub mod serve;
