"""送交包 — ready-to-burn folders and ZIPs: written atomically, every file hashed into a
manifest, names safe on Windows."""
