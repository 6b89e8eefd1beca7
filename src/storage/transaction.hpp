#pragma once
// One transaction on the project database as a scope: begun on
// construction, rolled back on leaving the scope unless committed (an import
// or an analysis run either lands whole or not at all).
#include "storage/store.hpp"

namespace shisetsu {

class Transaction {
public:
    explicit Transaction(Store& store) : store_(store) { store_.begin(); }
    ~Transaction() {
        if (!committed_) store_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit() {
        store_.commit();
        committed_ = true;
    }

private:
    Store& store_;
    bool committed_ = false;
};

} // namespace shisetsu
